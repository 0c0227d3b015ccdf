"""The penalty's change counted from the moved lessons' rules alone (local_penalty.py)
is the checker's change, on random schools with every kind of soft rule it counts (the
rules between lessons, start and room wishes, room closures, and the teachers' and
students' load rules), for random moves of a few lessons (times and rooms); schools with
a soft rule it does not count get None."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from app.scheduling.timetable import Placement, Problem
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.local_penalty import local_penalty
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.test_timetable_place import _c, random_school


def _soft_school(seed: int) -> Problem:
    """A random school with soft rules of every kind the count covers, some of them on
    three or more lessons (counted over each pair, in the rule's order)."""
    p = random_school(seed)
    rng = random.Random(seed)
    ids = [str(a.id) for a in p.activities]
    makers = [
        lambda: _c("MinDaysBetweenActivities", 95, Activity_Id=rng.sample(ids, 3), MinDays=["2"]),
        lambda: _c("MaxDaysBetweenActivities", 70, Activity_Id=rng.sample(ids, 2), MaxDays=["1"]),
        lambda: _c("ActivitiesSameStartingTime", 60, Activity_Id=rng.sample(ids, 3)),
        lambda: _c("ActivitiesSameStartingDay", 65, Activity_Id=rng.sample(ids, 2)),
        lambda: _c("ActivitiesSameStartingHour", 55, Activity_Id=rng.sample(ids, 3)),
        lambda: _c("ActivitiesNotOverlapping", 75, Activity_Id=rng.sample(ids, 3)),
        lambda: _c("MinGapsBetweenActivities", 85, Activity_Id=rng.sample(ids, 3), MinGaps=["1"]),
        lambda: _c("TwoActivitiesOrdered", 90, First_Activity_Id=[ids[0]], Second_Activity_Id=[ids[1]]),
        lambda: _c("TwoActivitiesConsecutive", 80, First_Activity_Id=[ids[2]], Second_Activity_Id=[ids[3]]),
        lambda: _c("TwoActivitiesGrouped", 45, First_Activity_Id=[ids[4]], Second_Activity_Id=[ids[5]]),
        lambda: _c("TwoActivitiesOrderedIfSameDay", 99.5, First_Activity_Id=[ids[7]], Second_Activity_Id=[ids[6]]),
        lambda: _c("ActivityPreferredStartingTime", 97, Activity_Id=[rng.choice(ids)], Preferred_Day=["Tue"],
                   Preferred_Hour=[p.hours[1]]),
        lambda: _c("ActivitiesPreferredTimeSlots", 70, Preferred_Time_Slot=[
            {"Preferred_Day": d, "Preferred_Hour": h} for d in p.days for h in p.hours[:3]]),
        lambda: _c("ActivityPreferredRoom", 90, space=True, Activity_Id=[rng.choice(ids)], Room=["R2"]),
        lambda: _c("RoomNotAvailableTimes", 50, space=True, Room=["R1"],
                   Not_Available_Time=[{"Day": "Mon", "Hour": h} for h in p.hours[:3]]),
        # Load rules, recounted whole when one of their lessons moves.
        lambda: _c("TeacherMaxGapsPerWeek", 90, Teacher_Name=[rng.choice(["T1", "T2"])], Max_Gaps=["0"]),
        lambda: _c("TeacherMaxGapsPerDay", 85, Teacher_Name=[rng.choice(["T1", "T2"])], Max_Gaps=["0"]),
        lambda: _c("StudentsSetMaxHoursDaily", 80, Students=["A1"], Maximum_Hours_Daily=["3"]),
        lambda: _c("TeacherMaxHoursContinuously", 75, Teacher_Name=["T2"], Maximum_Hours_Continuously=["2"]),
        lambda: _c("TeacherMaxDaysPerWeek", 60, Teacher_Name=["T1"], Max_Days_Per_Week=["3"]),
        lambda: _c("TeacherMinHoursDaily", 70, Teacher_Name=["T2"], Minimum_Hours_Daily=["2"], Allow_Empty_Days=["true"]),
        lambda: _c("StudentsSetEarlyMaxBeginningsAtSecondHour", 65, Students=["A1"], Max_Beginnings_At_Second_Hour=["0"]),
        lambda: _c("TeacherIntervalMaxDaysPerWeek", 55, Teacher_Name=["T1"], Interval_Start_Hour=[p.hours[3]],
                   Interval_End_Hour=[""], Max_Days_Per_Week=["1"]),
    ]
    for make in makers:
        for _ in range(2):
            p.constraints.append(make())
    return p


def _moves(p: Problem, seed: int) -> tuple[list[dict[int, Placement]], int]:
    """Timetables, each a few lessons away from the one before (any start, any room,
    hard rules or not: the soft penalty counts all the same)."""
    rng = random.Random(seed)
    aids = [a.id for a in p.activities]
    rooms = [r.name for r in p.rooms] + [""]

    def anywhere(aid: int) -> Placement:
        return Placement(aid, rng.randrange(p.n_days), rng.randrange(p.n_hours - 1), rng.choice(rooms))

    now = {aid: anywhere(aid) for aid in aids}
    out = [dict(now)]
    for _ in range(40):
        for aid in rng.sample(aids, rng.randint(1, 6)):
            if rng.random() < 0.1:
                now.pop(aid, None)  # taken out
            elif rng.random() < 0.3 and aid in now:
                old = now[aid]
                now[aid] = Placement(aid, old.day, old.hour, rng.choice(rooms))  # room only
            else:
                now[aid] = anywhere(aid)
        out.append(dict(now))
    return out, len(aids)


@pytest.mark.parametrize("seed", range(6))
def test_the_change_counted_from_the_moved_lessons_is_the_checkers(seed: int) -> None:
    p = _soft_school(seed)
    rules = compile_rules(p)
    aids = [a.id for a in rules.acts]
    local = local_penalty(rules, aids)
    assert local is not None
    H = p.n_hours

    def where(tt: dict[int, Placement]) -> list[tuple[int, str]]:
        return [(tt[aid].day * H + tt[aid].hour, tt[aid].room) if aid in tt else (-1, "") for aid in aids]

    def named(tt: dict[int, Placement]) -> Counter[int]:
        """How many soft violations of the checker name each lesson."""
        return Counter(aids.index(a) for v in evaluate(rules, tt).soft for a in v.activity_ids)

    timetables, _n = _moves(p, seed)
    nonzero = 0
    for before, after in zip(timetables, timetables[1:], strict=False):
        wb, wa = where(before), where(after)
        moved = [i for i in range(len(aids)) if wb[i] != wa[i]]
        expected = evaluate(rules, after).penalty - evaluate(rules, before).penalty
        change, more = local.compare(moved, wb, wa)
        assert change == local.change(moved, wb, wa) == expected
        named_after = named(before)
        named_after.update(more)  # adds the differences, negative ones too
        assert min(named_after.values(), default=0) >= 0 and +named_after == named(after)
        assert 0 not in more.values()
        nonzero += expected != 0
    assert nonzero >= 20  # the moves do change the penalty


def test_the_school_has_a_soft_load_of_every_kind_the_checker_counts() -> None:
    """The random schools above do exercise each kind of load rule (max span per day and
    min resting hours are taken at 100 % only, as FET takes them: they have no soft form)."""
    from app.scheduling.timetable.evaluate import _LOAD_COUNTS

    rules = compile_rules(_soft_school(0))
    kinds = {ld.kind for ld in rules.loads if ld.weight < 100}
    assert kinds == set(_LOAD_COUNTS) - {"min_days_week", "max_span", "min_rest"}, kinds


@pytest.mark.parametrize("rule", [
    _c("ActivityEndsStudentsDay", 70, Activity_Id=["1"]),
    _c("ActivitiesEndStudentsDay", 80, Activity_Id=["2", "3"]),
])
def test_a_school_with_a_soft_rule_it_does_not_count_gets_none(rule: object) -> None:
    p = _soft_school(0)
    assert local_penalty(compile_rules(p), [a.id for a in p.activities]) is not None
    p.constraints.append(rule)  # type: ignore[arg-type]
    assert local_penalty(compile_rules(p), [a.id for a in p.activities]) is None
