"""Placement with eviction (the solver's first constructive phase) on random schools.

Whenever it says every lesson is placed, the timetable must meet every modelled hard
rule — by the solver's own evaluation and by the independent checker reading the FET
file — and it must say so often enough that the test means something.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, Room, StudentsSet, write_fet
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, Constraint
from app.scheduling.timetable.place import place_all, polish
from app.scheduling.timetable.rules import Rules, compile_rules
from app.scheduling.timetable.virtual import fill
from tests.scheduling.timetable_checker import check


def _c(ctype: str, weight: float = 100, space: bool = False, **params: list) -> Constraint:  # type: ignore[type-arg]
    return Constraint(ctype, weight, True, dict(params), space)


def random_school(seed: int) -> Problem:
    """Two years with groups and subgroups, five teachers, rooms in overlapping (not
    nested) pools, lessons of one and two hours, and a random mix of hard rules."""
    rng = random.Random(seed)
    p = Problem(name=f"Random {seed}")
    p.days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
    p.hours = [f"{8 + h:02d}:00" for h in range(6)]
    p.teachers = [f"T{k}" for k in range(5)]
    p.subjects = ["Math", "Art", "PE", "Lab"]
    p.years = [StudentsSet("Y1", "year", 40, ["A", "B"]), StudentsSet("Y2", "year", 30, ["C"])]
    p.groups = [StudentsSet("A", "group", 20, ["A1", "A2"]), StudentsSet("B", "group", 20),
                StudentsSet("C", "group", 30)]
    p.subgroups = [StudentsSet("A1", "subgroup", 10), StudentsSet("A2", "subgroup", 10)]
    p.rooms = [Room(f"R{k}", 40) for k in range(4)]
    sets = ["Y1", "A", "A1", "A2", "B", "C", "Y2"]
    for aid in range(1, rng.randint(22, 34)):
        p.activities.append(Activity(aid, [rng.choice(p.teachers)], rng.choice(p.subjects), [rng.choice(sets)],
                                     rng.choice((1, 1, 1, 2))))
    p.tags = ["Lab"]
    for a in p.activities[::4]:
        a.tags = ["Lab"]
    pools = (["R0", "R1"], ["R1", "R2"], ["R2", "R3", "R0"])
    for subject, pool in zip(p.subjects[1:], pools, strict=True):
        p.constraints.append(_c("SubjectPreferredRooms", space=True, Subject=[subject], Preferred_Room=list(pool)))
    _random_rules(p, rng)
    return p


def _random_rules(p: Problem, rng: random.Random) -> None:
    ids = [str(a.id) for a in p.activities]
    options = [
        lambda: _c("StudentsMaxGapsPerWeek", Max_Gaps=[str(rng.randint(0, 2))]),
        lambda: _c("StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=[str(rng.randint(0, 3))]),
        lambda: _c("TeachersMaxHoursDaily", Maximum_Hours_Daily=[str(rng.randint(3, 5))]),
        lambda: _c("TeacherMaxDaysPerWeek", Teacher_Name=[rng.choice(p.teachers)], Max_Days_Per_Week=["4"]),
        lambda: _c("TeachersMaxGapsPerWeek", Max_Gaps=[str(rng.randint(0, 3))]),
        lambda: _c("MinDaysBetweenActivities", Activity_Id=rng.sample(ids, 3), MinDays=["1"],
                   Consecutive_If_Same_Day=["true"]),
        lambda: _c("ActivitiesSameStartingTime", Activity_Id=rng.sample(ids, 2)),
        lambda: _c("ActivitiesNotOverlapping", Activity_Id=rng.sample(ids, 3)),
        lambda: _c("MinDaysBetweenActivities", 80, Activity_Id=rng.sample(ids, 2), MinDays=["2"],
                   Consecutive_If_Same_Day=["true"]),
        lambda: _c("ActivitiesSameStartingDay", Activity_Id=rng.sample(ids, 2)),
        lambda: _c("ActivitiesSameStartingHour", Activity_Id=rng.sample(ids, 2)),
        lambda: _c("MinGapsBetweenActivities", Activity_Id=rng.sample(ids, 3), MinGaps=["1"]),
        lambda: _c("TwoActivitiesOrdered", First_Activity_Id=[ids[0]], Second_Activity_Id=[ids[1]]),
        lambda: _c("TwoActivitiesConsecutive", First_Activity_Id=[ids[2]], Second_Activity_Id=[ids[3]]),
        lambda: _c("TwoActivitiesGrouped", First_Activity_Id=[ids[4]], Second_Activity_Id=[ids[5]]),
        lambda: _c("TwoActivitiesOrderedIfSameDay", First_Activity_Id=[ids[7]], Second_Activity_Id=[ids[6]]),
        lambda: _c("ActivityEndsStudentsDay", Activity_Id=[ids[8]]),
        lambda: _c("ActivitiesEndStudentsDay", Subject_Name=["Lab"], Students_Name=["A"]),
        lambda: _c("TeachersMinHoursDaily", Minimum_Hours_Daily=["2"], Allow_Empty_Days=["true"]),
        lambda: _c("StudentsSetMinHoursDaily", Students=["A1"], Minimum_Hours_Daily=["1"], Allow_Empty_Days=["false"]),
        lambda: _c("RoomNotAvailableTimes", space=True, Room=["R1"],
                   Not_Available_Time=[{"Day": "Mon", "Hour": h} for h in p.hours[:3]]),
    ]
    for make in rng.sample(options, rng.randint(3, len(options))):
        p.constraints.append(make())
    # Hours in a row, from a generator of their own (the schools above stay as they were).
    more = random.Random(f"{p.name}: hours in a row")
    for rule in (_c("TeachersMaxHoursContinuously", Maximum_Hours_Continuously=[str(more.randint(2, 3))]),
                 _c("StudentsSetMaxHoursContinuously", Students=["Y1"], Maximum_Hours_Continuously=["4"]),
                 _c("TeachersActivityTagMaxHoursContinuously", Activity_Tag_Name=["Lab"],
                    Maximum_Hours_Continuously=["2"])):
        if more.random() < 0.5:
            p.constraints.append(rule)


def placements(p: Problem, starts: dict[int, int], rooms: dict[int, str]) -> list[Placement]:
    H = p.n_hours
    return [Placement(aid, t // H, t % H, rooms.get(aid, "")) for aid, t in starts.items()]


def placed_whole(p: Problem, seed: int, tmp_path: Path) -> bool:
    """Place ``p`` for 2 s; when every lesson is placed, check that the timetable meets
    every hard rule, by our checker and by the independent one, and say so."""
    rules = compile_rules(p)
    placed = place_all(rules, {}, time_limit=2.0, seed=seed)
    if placed.unplaced:
        return False
    result = placements(p, placed.starts, placed.rooms)
    ev = evaluate(rules, result)
    assert ev.hard_ok, (p.name, seed, [v.message for v in ev.hard])
    fet = tmp_path / f"school{seed}.fet"
    write_fet(p, fet)
    result = fill(rules, result)  # a virtual room's real rooms, as the checker found them
    rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in result]
    real = {pl.activity_id: list(pl.real_rooms) for pl in result if pl.real_rooms}
    assert check(fet, rows, real) == [], (p.name, seed)
    return True


def whole_and_blind(make: Callable[[int], Problem], blind: Callable[[Rules], None], tmp_path: Path) -> tuple[int, int]:
    """Over 30 schools ``make(seed)``: how many the placement places whole (each checked
    by :func:`placed_whole`), and how many of those a placement blind to some rules
    (``blind`` takes them out of its copy of the rules) places whole but breaking them."""
    complete = broken_blind = 0
    for seed in range(30):
        p = make(seed)
        if not placed_whole(p, seed, tmp_path):
            continue
        complete += 1
        rules, unaware = compile_rules(p), compile_rules(p)
        blind(unaware)
        unseen = place_all(unaware, {}, time_limit=2.0, seed=seed)
        if not unseen.unplaced and not evaluate(rules, placements(p, unseen.starts, unseen.rooms)).hard_ok:
            broken_blind += 1
    return complete, broken_blind


@pytest.mark.parametrize(("school", "least"), [("random_school", 14), ("_with_daily_gaps", 12),
                                                ("_with_min_days", 12), ("_with_interval_days", 10)])
def test_a_complete_placement_meets_every_hard_rule(school: str, least: int, tmp_path: Path) -> None:
    make: Callable[[int], Problem] = globals()[school]
    complete = sum(placed_whole(make(seed), seed, tmp_path) for seed in range(40))
    # With every hard rule kind in the mix (pairs, ends of day, hours in a row, daily gaps)
    # 16-19 and 14-18 of these 40 schools are placed whole in 2 s; 14 with the interval
    # max-days rules as well. The counts move by three or so whenever the search's random
    # path changes (the next 40 seeds: 20-21 and 16-19), hence the margins.
    assert complete >= least


def test_too_many_lessons_for_one_teacher_leave_some_unplaced() -> None:
    p = random_school(1)
    p.constraints = []
    p.activities = [Activity(k, ["T0"], "Math", ["B"]) for k in range(1, 34)]  # 33 lessons, 30 slots
    placed = place_all(compile_rules(p), {}, time_limit=1.0)
    assert len(placed.unplaced) == 3
    assert len(set(placed.starts.values())) == 30  # the placed ones never share a slot


def test_locks_stay_and_lessons_that_start_together_are_placed_together() -> None:
    p = random_school(3)
    p.constraints = [_c("ActivitiesSameStartingTime", Activity_Id=["1", "2", "3"])]
    for a in p.activities[:3]:
        a.teachers, a.students = [f"T{a.id}"], [["A1", "A2", "C"][a.id - 1]]
    lock = Placement(5, 2, 3, "")
    placed = place_all(compile_rules(p), {5: lock}, time_limit=2.0)
    assert not placed.unplaced
    assert placed.starts[5] == 2 * p.n_hours + 3
    assert placed.starts[1] == placed.starts[2] == placed.starts[3]


@pytest.mark.parametrize("name", ["R0", "R2"])
def test_overlapping_room_pools_get_rooms_that_fit(name: str) -> None:
    """Eight one-hour lessons at the only allowed hour, in pools {R0,R1} and {R1,R2}
    (overlapping, not nested): three rooms, so only three can be placed, each in its pool."""
    p = random_school(5)
    p.days, p.hours = ["Mon"], ["08:00"]
    p.constraints = [_c("SubjectPreferredRooms", space=True, Subject=["Art"], Preferred_Room=["R0", "R1"]),
                     _c("SubjectPreferredRooms", space=True, Subject=["Lab"], Preferred_Room=["R1", "R2"])]
    p.activities = [Activity(k, [f"T{k % 5}"] if k < 5 else [], "Art" if k % 2 else "Lab", [])
                    for k in range(1, 9)]
    p.constraints.append(_c("RoomNotAvailableTimes", 50, space=True, Room=[name],
                            Not_Available_Time=[{"Day": "Mon", "Hour": "08:00"}]))  # soft: no effect on what fits
    placed = place_all(compile_rules(p), {}, time_limit=1.0)
    assert len(placed.starts) == 3 and len(set(placed.rooms.values())) == 3
    for aid, room in placed.rooms.items():
        assert room in (("R0", "R1") if aid % 2 else ("R1", "R2"))


def _with_soft_wishes(seed: int) -> Problem:
    p = random_school(seed)
    ids = [str(a.id) for a in p.activities]
    rng = random.Random(seed)
    for _ in range(6):  # soft wishes the first timetable will not all meet
        p.constraints.append(_c("MinDaysBetweenActivities", 90, Activity_Id=rng.sample(ids, 2), MinDays=["2"]))
    p.constraints.append(_c("ActivitiesPreferredTimeSlots", 70, Preferred_Time_Slot=[
        {"Preferred_Day": d, "Preferred_Hour": h} for d in p.days for h in p.hours[:4]]))
    return p


def _with_soft_loads(seed: int) -> Problem:
    """A random school with tight soft daily-hours and days-a-week rules (FET lets only
    these load rules be soft), like the exam timetables among FET's examples."""
    p = random_school(seed)
    rng = random.Random(seed)
    p.constraints.append(_c("TeachersMaxHoursDaily", 95, Maximum_Hours_Daily=["2"]))
    p.constraints.append(_c("StudentsMaxHoursDaily", 90, Maximum_Hours_Daily=["4"]))
    p.constraints.append(_c("StudentsSetMaxHoursDaily", 80, Students=["A1"], Maximum_Hours_Daily=["3"]))
    p.constraints.append(_c("TeacherMaxDaysPerWeek", 85, Teacher_Name=[rng.choice(p.teachers)],
                            Max_Days_Per_Week=["3"]))
    return p


def _with_daily_gaps(seed: int) -> Problem:
    """A random school with hard max-gaps-per-day rules: for one teacher none, for every
    teacher and every subgroup at most one a day (as in FET's Orar_5_3 and TKB-THCS)."""
    p = random_school(seed)
    rng = random.Random(seed)
    p.constraints.append(_c("TeacherMaxGapsPerDay", Teacher_Name=[rng.choice(p.teachers)], Max_Gaps=["0"]))
    p.constraints.append(_c("TeachersMaxGapsPerDay", Max_Gaps=["1"]))
    p.constraints.append(_c("StudentsMaxGapsPerDay", Max_Gaps=["1"]))
    p.constraints.append(_c("StudentsSetMaxGapsPerDay", Students=["A1"], Max_Gaps=["1"]))
    return p


def _with_min_days(seed: int) -> Problem:
    """A random school with hard min-days-a-week rules: every teacher at least two days
    (when each has two lessons), and one teacher on as many days as they have lessons (up
    to five), with no lesson to spare. 15 of these 40 are placed whole in 2 s; CP-SAT
    proves 4 of the others impossible (as many days as a max-days rule allows, or fewer)."""
    p = random_school(seed)
    rng = random.Random(seed)
    count = Counter(t for a in p.activities for t in a.teachers)
    if all(count[t] >= 2 for t in p.teachers):
        p.constraints.append(_c("TeachersMinDaysPerWeek", Minimum_Days_Per_Week=["2"]))
    teacher = rng.choice(sorted(count))
    p.constraints.append(_c("TeacherMinDaysPerWeek", Teacher_Name=[teacher],
                            Minimum_Days_Per_Week=[str(min(5, count[teacher]))]))
    return p


def _with_interval_days(seed: int) -> Problem:
    """A random school with hard interval max-days rules: every teacher in the last two
    hours on at most two days, one teacher in the first hour on at most one, every
    subgroup of A in the first two hours on at most three (as in FET's Econ-Timisoara and
    school.fet)."""
    p = random_school(seed)
    rng = random.Random(seed)
    p.constraints.append(_c("TeachersIntervalMaxDaysPerWeek", Interval_Start_Hour=[p.hours[4]],
                            Interval_End_Hour=[""], Max_Days_Per_Week=["2"]))
    p.constraints.append(_c("TeacherIntervalMaxDaysPerWeek", Teacher_Name=[rng.choice(p.teachers)],
                            Interval_Start_Hour=[p.hours[0]], Interval_End_Hour=[p.hours[1]], Max_Days_Per_Week=["1"]))
    p.constraints.append(_c("StudentsSetIntervalMaxDaysPerWeek", Students=["A"], Interval_Start_Hour=[p.hours[0]],
                            Interval_End_Hour=[p.hours[2]], Max_Days_Per_Week=["3"]))
    p.constraints.append(_c("StudentsIntervalMaxDaysPerWeek", Interval_Start_Hour=[p.hours[5]],
                            Interval_End_Hour=[""], Max_Days_Per_Week=["3"]))
    return p


def _held_and_plain(school: Callable[[int], Problem]) -> tuple[int, int]:
    """The penalties of first timetables on 12 schools, soft rules held while placing and
    soft rules only breaking ties (schools both ways place whole), every hard rule met."""
    held = plain = 0
    for seed in range(12):
        p = school(seed)
        rules = compile_rules(p)
        a = place_all(rules, {}, time_limit=2.0, seed=seed, hold_soft=True)
        b = place_all(rules, {}, time_limit=2.0, seed=seed, hold_soft=False)
        if a.unplaced or b.unplaced:
            continue
        ev_a = evaluate(rules, placements(p, a.starts, a.rooms))
        ev_b = evaluate(rules, placements(p, b.starts, b.rooms))
        assert ev_a.hard_ok and ev_b.hard_ok, seed
        held += ev_a.penalty
        plain += ev_b.penalty
    return held, plain


def test_placing_as_fet_does_holds_most_soft_load_rules() -> None:
    """Soft daily-hours and days-a-week rules held while placing, as FET holds them, give
    first timetables with a lower penalty than soft rules used only to break ties (FET's
    exam timetable THE-2008-2009: 1,760-1,855 against 5,190-6,480), every hard rule met."""
    held, plain = _held_and_plain(_with_soft_loads)
    assert plain > 0 and held <= 0.75 * plain, (held, plain)  # 2,060 against 4,375 when written


def test_polish_keeps_every_hard_rule_and_never_raises_the_soft_time_penalty() -> None:
    lowered = 0
    for seed in range(12):
        p = _with_soft_wishes(seed)
        rules = compile_rules(p)
        # Placed without holding the soft rules: the first timetables polish has most to lower.
        placed = place_all(rules, {}, time_limit=2.0, seed=seed, hold_soft=False)
        if placed.unplaced:
            continue
        before = evaluate(rules, placements(p, placed.starts, placed.rooms))
        done = polish(rules, {}, placements(p, placed.starts, placed.rooms), 2.0)
        after = evaluate(rules, placements(p, done.starts, done.rooms))
        assert after.hard_ok, (seed, [v.message for v in after.hard])
        assert after.time_penalty <= before.time_penalty, seed
        lowered += after.time_penalty < before.time_penalty
    assert lowered >= 3


def test_every_swap_polish_makes_lowers_the_soft_penalty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weighed with both lessons in place: a rule joining the two swapped lessons once
    counted before a swap and not after, and swaps gaining nothing were made over and
    over until polish's time was up."""
    from app.scheduling.timetable import place

    swaps: list[tuple[int, int]] = []
    real = place.Placer._swap_if_better

    def weighed(self: place.Placer, i: int, j: int) -> bool:
        movable = [k for k in range(len(self.acts)) if self.start[k] >= 0]
        before = sum(self.soft_cost(k, self.start[k]) for k in movable)
        done = real(self, i, j)
        if done:
            swaps.append((before, sum(self.soft_cost(k, self.start[k]) for k in movable)))
        return done

    monkeypatch.setattr(place.Placer, "_swap_if_better", weighed)
    for seed in range(12):
        p = _with_soft_wishes(seed)
        for g in range(4):  # pairs of one class's lessons: the swaps between them
            ids = [str(a.id) for a in p.activities if "A1" in a.students][2 * g:2 * g + 2]
            p.constraints.append(_c("MinDaysBetweenActivities", 95, Activity_Id=ids, MinDays=["1"]))
        rules = compile_rules(p)
        placed = place_all(rules, {}, time_limit=2.0, seed=seed, hold_soft=False)
        if not placed.unplaced:
            polish(rules, {}, placements(p, placed.starts, placed.rooms), 2.0)
    assert swaps, "no swap was made"
    assert all(after < before for before, after in swaps), swaps


def test_polish_stops_when_asked() -> None:
    """The placement's timetable holding the soft rules arriving ends a polish slice at
    once (the solver's stop): nothing is moved after it."""
    for seed in range(12):
        p = _with_soft_wishes(seed)
        rules = compile_rules(p)
        placed = place_all(rules, {}, time_limit=2.0, seed=seed, hold_soft=False)
        if placed.unplaced:
            continue
        first = placements(p, placed.starts, placed.rooms)
        if polish(rules, {}, first, 2.0).starts == placed.starts:
            continue  # nothing to polish on this school
        done = polish(rules, {}, first, 2.0, stop=lambda: True)
        assert done.starts == placed.starts
        return
    pytest.fail("no school polish could improve")


def test_placing_as_fet_does_holds_most_soft_rules_and_every_hard_one() -> None:
    """Soft rules held as if hard as often as their weight says (FET's way) give first
    timetables with a lower penalty than soft rules used only to break ties (on FET's
    examples, a third to a twentieth of it)."""
    held, plain = _held_and_plain(_with_soft_wishes)
    assert plain > 0 and held <= 0.75 * plain, (held, plain)  # 730 against 1130 when written


@pytest.mark.parametrize("kind", ["min_days", "consecutive_if_same_day"])
def test_the_inline_pair_checks_say_what_the_rules_say(kind: str) -> None:
    # The placer answers the commonest pair rules without the rule's own function; every
    # start of either lesson, either lesson first in the rule, must get the rule's answer.
    from app.scheduling.timetable.place import Placer
    from app.scheduling.timetable.rules import GroupRule

    problem = random_school(4)
    pl = Placer(compile_rules(problem), {}, 4)
    H = pl.H
    pairs = [(i, j) for i in range(len(pl.acts)) for j in range(len(pl.acts))
             if i != j and {pl.dur[i], pl.dur[j]} == {1, 2}][:3]
    pairs += [(i, j) for i, j in [(0, 1), (2, 5)]]
    for i, j in pairs:
        for order in ([pl.acts[i].id, pl.acts[j].id], [pl.acts[j].id, pl.acts[i].id]):
            g = GroupRule(0, kind, order, 100.0, "test", min_days=2)
            for u in range(pl.S):
                pl.start[j] = u
                for t in range(pl.S):
                    if order[0] == pl.acts[j].id:
                        expected = g.times_broken(u, pl.dur[j], t, pl.dur[i], H) > 0
                    else:
                        expected = g.times_broken(t, pl.dur[i], u, pl.dur[j], H) > 0
                    assert pl.group_breaks(g, i, t, j) == expected, (kind, order, t, u)


@pytest.mark.parametrize("school", [random_school, _with_soft_loads, _with_daily_gaps, _with_min_days, _with_interval_days])
def test_a_bound_on_lessons_displaced_only_stops_the_checks_early(school: Callable[[int], Problem]) -> None:
    """``conflicts(i, t, most)`` says what the unbounded check says, or None when that
    displaces more than ``most`` lessons (the search skips such starts unseen: they cost
    more than the best so far), with the random generator used the same way up to there."""
    from app.scheduling.timetable.place import Placer

    bounded = 0
    for seed in range(4):
        pl = Placer(compile_rules(school(seed)), {}, seed)
        stack: list[int] = []
        for i in sorted(range(len(pl.acts)), key=pl.difficulty)[: 2 * len(pl.acts) // 3]:
            if pl.start[i] < 0:
                pl.step(i, stack)  # a part-filled timetable, displaced lessons left out
        for i in range(len(pl.acts)):
            for t in pl.unit_domain[i]:
                state = pl.rng.getstate()
                full = pl.conflicts(i, t)
                for most in (0, 1, 2):
                    pl.rng.setstate(state)
                    got = pl.conflicts(i, t, most)
                    assert got == (full if full is not None and len(full[0]) <= most else None), (seed, i, t, most)
                    bounded += full is not None and got is None
                pl.rng.setstate(state)
    assert bounded > 50  # starts displacing lessons were met, and cut short
