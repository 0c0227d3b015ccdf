"""Ruin and recreate (repair.py) on random schools: every timetable it reports meets
every hard rule by the solver's checker and by the independent one, its penalties only
go down and are the checker's, locked lessons stay, and it lowers the penalty often
enough that the test means something. Each test runs twice: with the plain-Python placer
placing lessons again, and on the kernel's tables (repair_kernel.py) with the kernel's
loop, here in plain Python (the compiled loop is the same code, held to the same
choices by test_timetable_kernel.py)."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, write_fet
from app.scheduling.timetable import kernel as kn
from app.scheduling.timetable import repair as repair_module
from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.place import place_all
from app.scheduling.timetable.repair import repair
from app.scheduling.timetable.repair_kernel import KernelRuin, Net
from app.scheduling.timetable.rules import Rules, compile_rules
from tests.scheduling.test_timetable_place import _c, placements, random_school
from tests.scheduling.timetable_checker import check


def _with_soft_pairs(seed: int) -> Problem:
    """A random school with soft min-days and start wishes, and lessons bound to start
    together (which repair moves as one)."""
    p = random_school(seed)
    rng = random.Random(seed)
    ids = [str(a.id) for a in p.activities]
    for _ in range(8):
        p.constraints.append(_c("MinDaysBetweenActivities", 95, Activity_Id=rng.sample(ids, 3), MinDays=["1"]))
    p.constraints.append(_c("ActivitiesPreferredTimeSlots", 80, Preferred_Time_Slot=[
        {"Preferred_Day": d, "Preferred_Hour": h} for d in p.days for h in p.hours[:3]]))
    ones = [str(a.id) for a in p.activities if a.duration == 1 and a.students == ["A1"]][:1] + \
        [str(a.id) for a in p.activities if a.duration == 1 and a.students == ["A2"]][:1]
    if len(ones) == 2:
        p.constraints.append(_c("ActivitiesSameStartingTime", Activity_Id=ones))
    return p


def _first(seed: int) -> tuple[Problem, list[Placement]] | None:
    p = _with_soft_pairs(seed)
    placed = place_all(compile_rules(p), {}, time_limit=2.0, seed=seed, hold_soft=False)
    return None if placed.unplaced else (p, placements(p, placed.starts, placed.rooms))


@pytest.fixture(autouse=True, params=["placer", "kernel"])
def loop(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which search places the lessons taken out again."""
    kernel_loop = (kn.run_search, False) if request.param == "kernel" else None
    monkeypatch.setattr(repair_module, "compiled_loop", lambda: kernel_loop)
    return str(request.param)


@functools.cache
def _schools() -> list[tuple[int, Problem, list[Placement]]]:
    """The first eight random schools with a first timetable (about half have one)."""
    found = []
    for seed in range(40):
        got = _first(seed)
        if got is not None:
            found.append((seed, *got))
        if len(found) == 8:
            break
    return found


@pytest.mark.parametrize("k", range(8))
def test_repair_keeps_every_hard_rule_and_reports_only_lower_penalties(k: int, tmp_path: Path) -> None:
    seed, p, first = _schools()[k]
    rules = compile_rules(p)
    fet = tmp_path / "school.fet"
    write_fet(p, fet)
    before = evaluate(rules, first)
    reported: list[tuple[list[Placement], Evaluation]] = []
    best, ev = repair(rules, {}, first, 1.5, patience=(0.5, 1.5), seed=seed,
                      on_better=lambda pls, e: reported.append((list(pls), e)))
    penalties = [before.penalty] + [e.penalty for _pls, e in reported]
    assert penalties == sorted(penalties, reverse=True) and len(set(penalties)) == len(penalties)
    for pls, e in reported + [(best, ev)]:
        assert evaluate(rules, pls).penalty == e.penalty and e.hard_ok
        assert len(pls) == len(first)
        rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in pls]
        assert check(fet, rows) == []
    assert ev.penalty <= before.penalty


def test_repair_lowers_the_penalty_on_most_schools() -> None:
    lowered = tried = 0
    for seed, p, first in _schools():
        rules = compile_rules(p)
        before = evaluate(rules, first).penalty
        if before == 0:
            continue
        tried += 1
        lowered += repair(rules, {}, first, 1.5, patience=(0.5, 1.5), seed=seed)[1].penalty < before
    assert tried >= 6 and lowered >= tried * 2 // 3, (lowered, tried)


def test_locked_lessons_stay_where_they_are() -> None:
    for seed, p, first in _schools()[:3]:
        rules = compile_rules(p)
        locks = {pl.activity_id: Placement(pl.activity_id, pl.day, pl.hour, pl.room, True) for pl in first[::3]}
        best, _ev = repair(rules, locks, first, 1.0, patience=(0.5, 1.0), seed=seed)
        where = {pl.activity_id: (pl.day, pl.hour, pl.room, pl.locked) for pl in best}
        assert all(where[aid] == (pl.day, pl.hour, pl.room, True) for aid, pl in locks.items())
        assert not any(pl.locked for pl in best if pl.activity_id not in locks)


def test_repair_stops_when_asked() -> None:
    _seed, p, first = _schools()[0]
    rules = compile_rules(p)
    best, ev = repair(rules, {}, first, 5.0, patience=(5.0, 5.0), stop=lambda: True)
    assert best == first and ev.penalty == evaluate(rules, first).penalty


def _offered_once(rules: Rules, seed: int, first: list[Placement],
                  offer: tuple[list[Placement], Evaluation]) -> tuple[list[int], list[int], list[Placement], Evaluation]:
    """Repair from ``first`` with ``offer`` handed over at the first look: the penalties it
    was asked with, those it reported, and its result."""
    asked: list[int] = []
    reported: list[int] = []

    def offers(best: list[Placement], ev: Evaluation) -> tuple[list[Placement], Evaluation] | None:
        asked.append(ev.penalty)
        return offer if len(asked) == 1 else None

    best, ev = repair(rules, {}, first, 1.0, patience=(0.3, 1.0), seed=seed + 1, offers=offers,
                      on_better=lambda pls, e: reported.append(e.penalty))
    return asked, reported, best, ev


def test_repair_goes_on_from_a_better_timetable_offered_between_tries() -> None:
    """The placement's timetable holding the soft rules may arrive while repair runs:
    offered between tries, repair goes on from it (not from its own best), once."""
    for seed, p, first in _schools():
        rules = compile_rules(p)
        better, better_ev = repair(rules, {}, first, 1.5, patience=(0.5, 1.5), seed=seed)
        if better_ev.penalty >= evaluate(rules, first).penalty:
            continue
        asked, reported, best, ev = _offered_once(rules, seed, first, (better, better_ev))
        assert len(asked) >= 2 and ev.penalty <= better_ev.penalty
        assert all(x < better_ev.penalty for x in reported)  # better than the offer, never back
        assert ev.hard_ok and evaluate(rules, best).penalty == ev.penalty
        return
    pytest.fail("repair lowered the penalty on none of the schools")


def test_a_try_that_fails_puts_the_kernels_tables_back_exactly() -> None:
    """After every try, kept or undone, every table of the kernel's state is as a fresh
    run holding the same timetable has it (occupancy, daily bits, hours left), so the
    next try starts from the timetable it believes it has; tries are both undone and
    kept."""
    undone = kept = 0
    for seed, p, first in _schools()[:4]:
        rules = compile_rules(p)
        net = Net(rules, {}, kn.run_search, False)
        ruin = KernelRuin(net, first, seed)
        for _ in range(30):
            before = ruin.placements()
            if ruin.attempt() is None:
                break
            lo, hi = ruin.state
            fresh = KernelRuin(net, ruin.placements(), seed)
            # When each lesson was placed, and failure counts (cleared before each try).
            skip = range(fresh.R[kn.RA_age] - lo, fresh.fails[1] - lo)
            assert [x for q, x in enumerate(ruin.R[lo:hi]) if q not in skip] == \
                [x for q, x in enumerate(fresh.R[lo:hi]) if q not in skip]
            assert ruin.R[kn.PLACED] == fresh.R[kn.PLACED] == len(first)
            if ruin.placements() == before:
                undone += 1
            else:
                kept += 1
    assert undone and kept, (undone, kept)


def test_tries_kept_without_a_whole_check_keep_the_penalty_and_every_hard_rule() -> None:
    """On a school whose soft rules the moved lessons' count covers, tries that are not a
    new best are kept unchecked: the timetable the tables hold then still meets every
    hard rule, its penalty is the one counted (never below the best so far, which is the
    checker's), and the lessons named by broken soft rules are the checker's."""
    from collections import Counter

    unchecked = 0
    for seed, p, first in _schools()[:4]:
        rules = compile_rules(p)
        net = Net(rules, {}, kn.run_search, False)
        assert net.local is not None
        ruin = KernelRuin(net, first, seed)
        for _ in range(40):
            if ruin.attempt() is None:
                break
            now = ruin.placements()
            ev = evaluate(rules, now)
            assert ev.hard_ok and ev.penalty == ruin.now >= ruin.ev.penalty
            assert evaluate(rules, ruin.best).penalty == ruin.ev.penalty
            index = ruin.pl.index
            assert Counter(index[a] for v in ev.soft for a in v.activity_ids) == +Counter(ruin.named)
            unchecked += now != ruin.best
        assert net.local is not None  # the count never disagreed with the checker
    assert unchecked, "no try was kept without a whole check"


def test_a_compiled_loop_that_fails_inside_hands_over_to_the_plain_one() -> None:
    """The compiled loop raises instead of handing back its tables when it fails inside
    (machine_code.Compiled): the try is undone and repair goes on with the same loop in
    plain Python, its timetables meeting every hard rule."""
    calls: list[int] = []

    def broken_loop(net: object, run: object, turns: int) -> int:
        calls.append(turns)
        raise RuntimeError("the compiled placement loop failed (an error inside it)")

    for seed, p, first in _schools()[:3]:
        rules = compile_rules(p)
        before = evaluate(rules, first)
        if before.penalty == 0:
            continue
        net = Net(rules, {}, broken_loop, False)
        ruin = KernelRuin(net, first, seed)
        where = {pl.activity_id: (pl.day, pl.hour, pl.room) for pl in first}
        assert ruin.attempt() is False and calls
        assert {pl.activity_id: (pl.day, pl.hour, pl.room) for pl in ruin.placements()} == where
        assert net.search is kn.run_search
        for _ in range(30):
            if ruin.attempt() is None:
                break
        assert ruin.ev.hard_ok and evaluate(rules, ruin.best).penalty == ruin.ev.penalty <= before.penalty
        return
    pytest.fail("no school with a penalty to lower")


def test_a_walker_goes_on_exactly_from_another_walkers_better_timetable() -> None:
    """Two walkers on one school's tables: when one finds a better timetable, the other
    adopts it through the shared best (its tables become those of a fresh run holding
    it, its penalty the checker's), and its later tries keep every hard rule."""
    for seed, p, first in _schools():
        rules = compile_rules(p)
        net = Net(rules, {}, kn.run_search, False)
        finder, follower = KernelRuin(net, first, seed), KernelRuin(net, first, seed + 1)
        shared = repair_module._Shared(follower)
        for _ in range(60):
            if finder.attempt():
                break
        else:
            continue
        assert shared.offer(finder) and not shared.offer(finder)  # only a lower penalty is taken
        version, moved = shared.catch_up(follower)
        assert moved and version == shared.version
        assert follower.placements() == finder.best and follower.ev.penalty == finder.ev.penalty
        lo, hi = follower.state
        fresh = KernelRuin(net, finder.best, seed)
        skip = range(fresh.R[kn.RA_age] - lo, fresh.fails[1] - lo)
        assert [x for q, x in enumerate(follower.R[lo:hi]) if q not in skip] == \
            [x for q, x in enumerate(fresh.R[lo:hi]) if q not in skip]
        assert shared.catch_up(follower) == (version, False)  # nothing better: it stays
        for _ in range(20):
            if follower.attempt() is None:
                break
            ev = evaluate(rules, follower.placements())
            assert ev.hard_ok and ev.penalty == follower.now >= follower.ev.penalty
        return
    pytest.fail("no try lowered the penalty on any school")


def test_repair_with_two_walkers_reports_their_better_timetables_from_the_calling_thread(
        loop: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With two walkers (the second in a thread of its own), every timetable reported
    meets every hard rule by both checkers, the penalties only go down and are the
    checker's, every report comes from the thread that called repair, and the second
    walker's tries count (it finds better timetables too). The plain-Python placer has
    no tables to share: it searches alone."""
    import threading

    found_by: list[str] = []
    attempt = KernelRuin.attempt

    def recorded(self: KernelRuin) -> bool | None:
        got = attempt(self)
        if got:
            found_by.append(threading.current_thread().name)
        return got

    monkeypatch.setattr(KernelRuin, "attempt", recorded)
    for seed, p, first in _schools()[:4]:
        rules = compile_rules(p)
        fet = tmp_path / "school.fet"
        write_fet(p, fet)
        before = evaluate(rules, first)
        reported: list[tuple[list[Placement], Evaluation, str]] = []

        def heard(pls: list[Placement], e: Evaluation, into: list[tuple[list[Placement], Evaluation, str]] = reported) -> None:
            into.append((list(pls), e, threading.current_thread().name))

        best, ev = repair(rules, {}, first, 1.5, patience=(0.5, 1.5), seed=seed, walkers=2, on_better=heard)
        penalties = [before.penalty] + [e.penalty for _pls, e, _t in reported]
        assert penalties == sorted(penalties, reverse=True) and len(set(penalties)) == len(penalties)
        assert {t for _pls, _e, t in reported} <= {threading.current_thread().name}
        for pls, e in [(pls, e) for pls, e, _t in reported] + [(best, ev)]:
            assert evaluate(rules, pls).penalty == e.penalty and e.hard_ok
            rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in pls]
            assert check(fet, rows) == []
        assert ev.penalty <= before.penalty
        assert ev.penalty == penalties[-1]  # what repair returns was reported
        assert not any(t.name == "timetable-repair" for t in threading.enumerate())  # helpers joined
    if loop == "kernel":
        assert "timetable-repair" in found_by, found_by
    else:
        assert not found_by


def test_a_lower_penalty_both_walkers_reach_at_once_is_reported() -> None:
    """Two walkers reaching the same lower penalty at once: the helper's offer is taken
    first, the lead's is refused (it is no lower), and there is then nothing lower for the
    lead to catch up to. The lead still reports its timetable, and what repair returns is
    what was reported (it once returned 0 on FET's ErnstJager example having reported
    nothing, and the solver kept the 95 it started from, calling it optimal)."""
    for seed, p, first in _schools():
        rules = compile_rules(p)
        net = Net(rules, {}, kn.run_search, False)
        # The same seed: the two walkers make the same tries and find the same timetables.
        helper = KernelRuin(net, first, seed)
        heard: list[int] = []
        lead = repair_module._Lead(functools.partial(KernelRuin, net), KernelRuin(net, first, seed), seed,
                                   lambda pls, e, into=heard: into.append(e.penalty))
        for _ in range(60):
            if helper.attempt():
                assert lead.shared.offer(helper)
                assert lead.attempt() and lead.ruin.ev.penalty == helper.ev.penalty
                assert not lead.shared.offer(lead.ruin)  # the lead's own offer was not taken
                lead.catch_up()
                assert heard == [helper.ev.penalty]
                return
            assert lead.attempt() and lead.ruin.ev.penalty == helper.ev.penalty
        assert heard == []
    pytest.fail("no try lowered the penalty on any school")


def _with_rooms_for_all(p: Problem, first: list[Placement]) -> list[Placement]:
    """``first`` with a room free at its hours given to each lesson that needs none (as
    room assignment does for a soft room wish), where that breaks no hard rule."""
    rules = compile_rules(p)
    given = _rooms_given(p, first)
    while True:
        wrong = {aid for v in evaluate(rules, given).hard for aid in v.activity_ids}
        if not wrong:
            return given
        was = {pl.activity_id: pl for pl in first}
        given = [was[pl.activity_id] if pl.activity_id in wrong else pl for pl in given]


def _rooms_given(p: Problem, first: list[Placement]) -> list[Placement]:
    H = p.n_hours
    dur = {a.id: a.duration for a in p.activities}
    held = {(pl.room, pl.day * H + pl.hour + k) for pl in first if pl.room for k in range(dur[pl.activity_id])}
    out = []
    for pl in first:
        slots = [pl.day * H + pl.hour + k for k in range(dur[pl.activity_id])]
        free = [r.name for r in p.rooms if not any((r.name, s) in held for s in slots)] if not pl.room else []
        if free:
            held.update((free[0], s) for s in slots)
            pl = Placement(pl.activity_id, pl.day, pl.hour, free[0])
        out.append(pl)
    return out


def test_lessons_needing_no_room_keep_theirs_and_no_try_double_books_it(loop: str, tmp_path: Path) -> None:
    """A lesson that needs no room may have one (given for a soft room wish): repair starts
    from the timetable as it is, with that room (its penalty is the checker's for it), and
    no try puts another lesson in a room such a lesson holds."""
    tried = 0
    for seed, p, first in _schools()[:4]:
        rules = compile_rules(p)
        roomy = _with_rooms_for_all(p, first)
        given = sum(1 for a, b in zip(first, roomy, strict=True) if a.room != b.room)
        if not given:
            continue
        fet = tmp_path / "school.fet"
        write_fet(p, fet)
        start = repair_module._starter(rules, {})
        ruin = start(roomy, seed, None)
        assert sorted(ruin.best, key=lambda pl: pl.activity_id) == sorted(roomy, key=lambda pl: pl.activity_id)
        assert ruin.ev.penalty == evaluate(rules, roomy).penalty
        for _ in range(25):
            if ruin.attempt() is None:
                break
            now = ruin.placements() if isinstance(ruin, KernelRuin) else ruin.best
            rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in now]
            assert check(fet, rows) == [], rows
        tried += 1
    assert tried, "no school had a lesson needing no room"


def test_late_acceptance_allows_what_the_current_timetable_had_tries_ago() -> None:
    """A try may keep a penalty up to the current timetable's, or the current one's
    ``length`` tries ago; the remembered penalties only go down; length 1 is the plain
    rule (no higher than now)."""
    from app.scheduling.timetable.repair_tries import LateAcceptance

    late = LateAcceptance(100, length=3)
    assert late.bound(80) == 100  # at first, anything up to the start's penalty
    late.step(80)  # try 0 ends at 80: slot 0 now remembers 80
    late.step(90)  # slot 1: 90
    late.step(120)  # slot 2 keeps 100 (only lower penalties are remembered)
    assert late.history == [80, 90, 100]
    assert late.bound(70) == 80 and late.bound(85) == 85  # slot 0 again
    plain, now = LateAcceptance(100, length=1), 100
    for tried in (90, 95, 120, 60, 60):
        assert plain.bound(now) == now
        now = tried if tried <= plain.bound(now) else now
        plain.step(now)
    assert now == 60


@pytest.mark.parametrize("kernel", [False, True])
def test_tries_may_climb_above_the_best_yet_the_best_is_kept_and_checked(kernel: bool) -> None:
    """Late acceptance keeps some tries worse than the best so far (the walk climbs over a
    ridge); the timetable the walk holds then always meets every hard rule and never
    exceeds what late acceptance allowed, and the best so far (what repair reports) is
    the checker's and never goes up."""
    climbed = 0
    for seed, p, first in _schools()[:6]:
        rules = compile_rules(p)
        if kernel:
            ruin: KernelRuin | repair_module._Ruin = KernelRuin(Net(rules, {}, kn.run_search, False), first, seed)
        else:
            ruin = repair_module._Ruin(rules, {}, first, seed)
        best = ruin.ev.penalty
        for _ in range(60):
            now = ruin.now if isinstance(ruin, KernelRuin) else ruin.now.penalty
            bound = ruin.late.bound(now)
            if ruin.attempt() is None:
                break
            ev = evaluate(rules, ruin.placements())
            assert ev.hard_ok and ev.penalty <= bound
            assert evaluate(rules, ruin.best).penalty == ruin.ev.penalty <= best
            best = ruin.ev.penalty
            climbed += ev.penalty > best
    assert climbed, "no try was kept above the best so far"
