"""One penalty: the solver's objective and the checker count a timetable the same way.

Random small schools with every modelled soft constraint type at random weights, random
clash-free timetables: the CP-SAT objective with every lesson fixed where the timetable
puts it must equal the checker's penalty (FET's counting: pairs, hours, days, gaps).
"""

from __future__ import annotations

import random

import pytest

from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, Constraint, Placement, Problem, StudentsSet
from app.scheduling.timetable.rules import GroupRule, compile_rules

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]
HOURS = ["1", "2", "3", "4", "5", "6"]


def _slot(rng: random.Random) -> dict[str, str]:
    return {"Day": rng.choice(DAYS), "Hour": rng.choice(HOURS)}


def random_school(rng: random.Random) -> Problem:
    p = Problem(name="Random", days=list(DAYS), hours=list(HOURS))
    p.teachers = ["T1", "T2", "T3"]
    p.subjects = ["Math", "Art"]
    # One year, two groups, each with two subgroups (FET counts students rules per subgroup).
    for g in ("A", "B"):
        subs = [f"{g}1", f"{g}2"]
        p.groups.append(StudentsSet(g, "group", 20, subs))
        p.subgroups += [StudentsSet(s, "subgroup", 10) for s in subs]
    p.years = [StudentsSet("Y", "year", 40, ["A", "B"])]
    sets = ["A", "B", "A1", "A2", "B1", "B2"]
    for i in range(1, rng.randint(8, 12)):
        p.activities.append(Activity(i, [rng.choice(p.teachers)], rng.choice(p.subjects), [rng.choice(sets)],
                                     duration=rng.choice([1, 1, 1, 2])))
    ids = [a.id for a in p.activities]
    p.tags = ["Lab"]
    for a in p.activities[::3]:
        a.tags = ["Lab"]

    def w() -> float:
        return float(rng.choice([1, 5, 30, 50, 95, 99.5]))

    def add(ctype: str, **params: list[object]) -> None:
        p.constraints.append(Constraint(ctype, w(), params={k: list(v) for k, v in params.items()}))

    for _ in range(3):
        add("MinDaysBetweenActivities", Activity_Id=[str(i) for i in rng.sample(ids, rng.randint(2, 4))],
            MinDays=[str(rng.randint(1, 3))], Consecutive_If_Same_Day=["false"])
    add("MaxDaysBetweenActivities", Activity_Id=[str(i) for i in rng.sample(ids, 3)], MaxDays=[str(rng.randint(0, 2))])
    add("ActivitiesSameStartingTime", Activity_Id=[str(i) for i in rng.sample(ids, 3)])
    add("ActivitiesNotOverlapping", Activity_Id=[str(i) for i in rng.sample(ids, 3)])
    add("ActivitiesSameStartingDay", Activity_Id=[str(i) for i in rng.sample(ids, 3)])
    add("ActivitiesSameStartingHour", Activity_Id=[str(i) for i in rng.sample(ids, 2)])
    add("MinGapsBetweenActivities", Activity_Id=[str(i) for i in rng.sample(ids, 3)], MinGaps=[str(rng.randint(1, 2))])
    for two in ("TwoActivitiesOrdered", "TwoActivitiesOrderedIfSameDay", "TwoActivitiesConsecutive",
                "TwoActivitiesGrouped"):
        first, second = rng.sample(ids, 2)
        add(two, First_Activity_Id=[str(first)], Second_Activity_Id=[str(second)])
    add("ActivityEndsStudentsDay", Activity_Id=[str(rng.choice(ids))])
    add("ActivitiesEndStudentsDay", Subject_Name=[rng.choice(p.subjects)], Students_Name=[rng.choice(sets)])
    teacher = rng.choice(p.teachers)
    add("TeacherMaxHoursDaily", Teacher_Name=[teacher], Maximum_Hours_Daily=[str(rng.randint(1, 2))])
    add("TeacherMaxDaysPerWeek", Teacher_Name=[rng.choice(p.teachers)], Max_Days_Per_Week=[str(rng.randint(1, 3))])
    add("TeachersMaxGapsPerWeek", Max_Gaps=[str(rng.randint(0, 2))])
    add("StudentsSetMaxGapsPerWeek", Students=[rng.choice(sets)], Max_Gaps=[str(rng.randint(0, 1))])
    add("StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=[str(rng.randint(0, 2))])
    add("StudentsSetMaxHoursDaily", Students=[rng.choice(sets)], Maximum_Hours_Daily=[str(rng.randint(1, 3))])
    empty = ["true", "false"]
    add("TeacherMinHoursDaily", Teacher_Name=[rng.choice(p.teachers)], Minimum_Hours_Daily=[str(rng.randint(2, 3))],
        Allow_Empty_Days=[rng.choice(empty)])
    add("TeachersMinHoursDaily", Minimum_Hours_Daily=["2"], Allow_Empty_Days=["true"])
    add("StudentsSetMinHoursDaily", Students=[rng.choice(sets)], Minimum_Hours_Daily=[str(rng.randint(1, 3))],
        Allow_Empty_Days=[rng.choice(empty)])
    add("StudentsMinHoursDaily", Minimum_Hours_Daily=["2"], Allow_Empty_Days=[rng.choice(empty)])
    add("TeacherMaxGapsPerDay", Teacher_Name=[rng.choice(p.teachers)], Max_Gaps=[str(rng.randint(0, 1))])
    add("TeachersMaxGapsPerDay", Max_Gaps=[str(rng.randint(0, 2))])
    add("StudentsSetMaxGapsPerDay", Students=[rng.choice(sets)], Max_Gaps=[str(rng.randint(0, 1))])
    add("StudentsMaxGapsPerDay", Max_Gaps=[str(rng.randint(0, 1))])
    add("TeacherMaxHoursContinuously", Teacher_Name=[rng.choice(p.teachers)],
        Maximum_Hours_Continuously=[str(rng.randint(1, 2))])
    add("StudentsSetMaxHoursContinuously", Students=[rng.choice(sets)],
        Maximum_Hours_Continuously=[str(rng.randint(1, 3))])
    add("StudentsMaxHoursContinuously", Maximum_Hours_Continuously=["2"])
    add("TeachersActivityTagMaxHoursContinuously", Activity_Tag_Name=["Lab"], Maximum_Hours_Continuously=["1"])
    add("StudentsSetActivityTagMaxHoursDaily", Students=[rng.choice(sets)], Activity_Tag_Name=["Lab"],
        Maximum_Hours_Daily=["1"])
    add("TeacherIntervalMaxDaysPerWeek", Teacher_Name=[rng.choice(p.teachers)],
        Interval_Start_Hour=[rng.choice(HOURS[:4])], Interval_End_Hour=[rng.choice(["", "5", "6"])],
        Max_Days_Per_Week=[str(rng.randint(0, 2))])
    add("TeachersIntervalMaxDaysPerWeek", Interval_Start_Hour=["4"], Interval_End_Hour=[""],
        Max_Days_Per_Week=[str(rng.randint(0, 2))])
    add("StudentsSetIntervalMaxDaysPerWeek", Students=[rng.choice(sets)], Interval_Start_Hour=["1"],
        Interval_End_Hour=[rng.choice(["2", "3"])], Max_Days_Per_Week=[str(rng.randint(0, 2))])
    add("StudentsIntervalMaxDaysPerWeek", Interval_Start_Hour=["3"], Interval_End_Hour=["5"], Max_Days_Per_Week=["1"])
    add("TeacherNotAvailableTimes", Teacher=[rng.choice(p.teachers)],
        Not_Available_Time=[_slot(rng) for _ in range(6)])
    add("StudentsSetNotAvailableTimes", Students=[rng.choice(sets)],
        Not_Available_Time=[_slot(rng) for _ in range(6)])
    add("BreakTimes", Break_Time=[_slot(rng) for _ in range(2)])
    add("ActivityPreferredStartingTimes", Activity_Id=[str(rng.choice(ids))],
        Preferred_Starting_Time=[{"Preferred_Starting_Day": s["Day"], "Preferred_Starting_Hour": s["Hour"]}
                                 for s in (_slot(rng) for _ in range(8))])
    add("ActivitiesPreferredTimeSlots", Teacher_Name=[rng.choice(p.teachers)],
        Preferred_Time_Slot=[{"Preferred_Day": s["Day"], "Preferred_Hour": s["Hour"]}
                             for s in (_slot(rng) for _ in range(15))])
    # Min days a week, from a generator of their own (the schools above stay as they were);
    # a teacher may have fewer lessons than the minimum, or none.
    more = random.Random(repr([(a.id, a.teachers) for a in p.activities]))
    p.constraints += [
        Constraint("TeacherMinDaysPerWeek", more.choice([5, 30, 80, 99.5]),
                   params={"Teacher_Name": [more.choice(p.teachers)], "Minimum_Days_Per_Week": [str(more.randint(2, 5))]}),
        Constraint("TeachersMinDaysPerWeek", more.choice([1, 50, 95]),
                   params={"Minimum_Days_Per_Week": [str(more.randint(1, 3))]}),
    ]
    return p


def random_timetable(p: Problem, rng: random.Random) -> list[Placement]:
    """Every lesson somewhere in the week with no teacher or subgroup in two places."""
    rules = compile_rules(p)
    busy: set[tuple[str, int]] = set()
    out = []
    H = p.n_hours
    for a in p.activities:
        owners = [f"t{t}" for t in a.teachers] + [f"s{x}" for x in rules.atoms_of[a.id]]
        starts = sorted(rules.base_starts[a.id])
        rng.shuffle(starts)
        for t in starts:
            if not any((o, t + k) in busy for o in owners for k in range(a.duration)):
                busy.update((o, t + k) for o in owners for k in range(a.duration))
                out.append(Placement(a.id, t // H, t % H))
                break
    assert len(out) == len(p.activities)
    return out


def solver_objective(p: Problem, placements: list[Placement]) -> int:
    """The solver's objective with every lesson fixed at its placement."""
    from ortools.sat.python import cp_model

    from app.scheduling.timetable.solver import _Build, run_solver

    build = _Build(compile_rules(p), {pl.activity_id: pl for pl in placements})
    build.minimize()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    status = run_solver(solver, build.m)
    assert status == cp_model.OPTIMAL
    return int(round(solver.objective_value)) if build.penalty_terms else 0


@pytest.mark.parametrize("seed", range(40))
def test_solver_objective_equals_checker_penalty(seed: int) -> None:
    rng = random.Random(seed)
    p = random_school(rng)
    placements = random_timetable(p, rng)
    ev = evaluate(compile_rules(p), placements)
    assert not ev.hard and not ev.unplaced
    assert solver_objective(p, placements) == ev.time_penalty


def test_min_days_counts_every_pair_as_fet_does() -> None:
    """Three lessons of a min-days-2 rule on one day: three pairs, each 2 days short."""
    g = GroupRule(0, "min_days", [1, 2, 3], 95, "", min_days=2)
    assert g.times_broken(0, 1, 1, 1, 6) == 2
    p = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                activities=[Activity(i, [], "M", []) for i in (1, 2, 3)],
                constraints=[Constraint("MinDaysBetweenActivities", 95,
                                        params={"Activity_Id": ["1", "2", "3"], "MinDays": ["2"]})])
    same_day = [Placement(i, 0, i - 1) for i in (1, 2, 3)]
    ev = evaluate(compile_rules(p), same_day)
    assert ev.penalty == 3 * 2 * 95
    assert solver_objective(p, same_day) == 3 * 2 * 95
    # Monday, Tuesday, Friday: only Monday-Tuesday is too close (by one day).
    spread = [Placement(1, 0, 0), Placement(2, 1, 0), Placement(3, 4, 0)]
    assert evaluate(compile_rules(p), spread).penalty == 95
    assert solver_objective(p, spread) == 95


@pytest.mark.parametrize(("ctype", "params", "where", "times"), [
    # Three lessons, two on Monday and one on Tuesday: two pairs on different days.
    ("ActivitiesSameStartingDay", {}, [(0, 0), (0, 2), (1, 0)], 2),
    # Hours 1, 1, 3: two pairs at different hours.
    ("ActivitiesSameStartingHour", {}, [(0, 0), (1, 0), (2, 2)], 2),
    # Monday 1st and 3rd hour (one hour between), Tuesday: with two hours wanted between
    # lessons of one day, only the Monday pair breaks it.
    ("MinGapsBetweenActivities", {"MinGaps": ["2"]}, [(0, 0), (0, 2), (1, 1)], 1),
    # The second lesson before the first: broken once (the third is not in the rule).
    ("TwoActivitiesOrdered", {}, [(1, 0), (0, 3), (4, 0)], 1),
    ("TwoActivitiesOrdered", {}, [(0, 3), (1, 0), (4, 0)], 0),
    ("TwoActivitiesOrderedIfSameDay", {}, [(1, 0), (0, 3), (4, 0)], 0),
    ("TwoActivitiesOrderedIfSameDay", {}, [(0, 3), (0, 1), (4, 0)], 1),
    # Right after the first lesson is kept; right before it is not (nor another day).
    ("TwoActivitiesConsecutive", {}, [(0, 1), (0, 2), (4, 0)], 0),
    ("TwoActivitiesConsecutive", {}, [(0, 2), (0, 1), (4, 0)], 1),
    ("TwoActivitiesConsecutive", {}, [(0, 5), (1, 0), (4, 0)], 1),
    ("TwoActivitiesGrouped", {}, [(0, 2), (0, 1), (4, 0)], 0),
    ("TwoActivitiesGrouped", {}, [(0, 2), (1, 3), (4, 0)], 1),
])
def test_rules_over_activities_count_as_fet_does(ctype: str, params: dict[str, list[str]],
                                                 where: list[tuple[int, int]], times: int) -> None:
    """FET counts one break per pair of lessons of the rule that breaks it (the
    two-activity rules: 1 or 0), at the rule's weight; the checker and the solver agree."""
    ids = ["1", "2"] if ctype.startswith("TwoActivities") else ["1", "2", "3"]
    keys = {"First_Activity_Id": ["1"], "Second_Activity_Id": ["2"]} if len(ids) == 2 else {"Activity_Id": ids}
    p = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                activities=[Activity(i, [], "M", []) for i in (1, 2, 3)],
                constraints=[Constraint(ctype, 40, params={**keys, **params})])
    placed = [Placement(i + 1, d, h) for i, (d, h) in enumerate(where)]
    assert evaluate(compile_rules(p), placed).penalty == 40 * times
    assert solver_objective(p, placed) == 40 * times


@pytest.mark.parametrize(("allow_empty", "days_short"), [("true", 1), ("false", 4)])
def test_min_hours_daily_counts_each_day_short(allow_empty: str, days_short: int) -> None:
    """FET's min hours daily: a day with lessons but fewer hours than the minimum breaks
    it once; with empty days not allowed, so does every day without lessons."""
    p = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                activities=[Activity(1, ["T"], "M", []), Activity(2, ["T"], "M", [], duration=2)],
                constraints=[Constraint("TeacherMinHoursDaily", 90, params={
                    "Teacher_Name": ["T"], "Minimum_Hours_Daily": ["2"], "Allow_Empty_Days": [allow_empty]})])
    week = [Placement(1, 0, 0), Placement(2, 1, 0)]  # Monday: 1 hour; Tuesday: 2 hours
    ev = evaluate(compile_rules(p), week)
    assert ev.penalty == days_short * 90
    assert solver_objective(p, week) == days_short * 90
    # Hard: the solver finds a week that meets it where one exists (both lessons on one day).
    hard = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                   activities=p.activities,
                   constraints=[Constraint("TeacherMinHoursDaily", 100, params={
                       "Teacher_Name": ["T"], "Minimum_Hours_Daily": ["3"], "Allow_Empty_Days": ["true"]})])
    from app.scheduling.timetable.solver import solve

    result = solve(hard, time_limit=10)
    assert result.solved and evaluate(compile_rules(hard), result.placements).hard_ok
    assert len({pl.day for pl in result.placements}) == 1


def test_ends_students_day_counts_each_subgroup_with_a_later_lesson() -> None:
    """FET counts "activity ends students day" once per subgroup of that lesson's students
    with a lesson later that day (not once per later lesson)."""
    p = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"])
    p.groups = [StudentsSet("A", "group", 20, ["A1", "A2"])]
    p.subgroups = [StudentsSet("A1", "subgroup", 10), StudentsSet("A2", "subgroup", 10)]
    p.years = [StudentsSet("Y", "year", 20, ["A"])]
    p.activities = [Activity(1, [], "M", ["A"]), Activity(2, [], "M", ["A1"]), Activity(3, [], "M", ["A1"]),
                    Activity(4, [], "M", ["A2"])]
    p.constraints = [Constraint("ActivityEndsStudentsDay", 60, params={"Activity_Id": ["1"]})]
    cases = [
        # A1 twice and A2 once after it on Monday: two subgroups.
        ([(0, 1), (0, 2), (0, 3), (0, 4)], 2),
        # Only A1's lessons after it; A2's before it and on Tuesday: one.
        ([(0, 2), (0, 3), (0, 4), (0, 0)], 1),
        ([(0, 4), (0, 0), (0, 1), (1, 5)], 0),
    ]
    for where, times in cases:
        placed = [Placement(i + 1, d, h) for i, (d, h) in enumerate(where)]
        assert evaluate(compile_rules(p), placed).penalty == 60 * times, where
        assert solver_objective(p, placed) == 60 * times, where


def _gaps_school(weight: float, max_gaps: str, breaks: list[dict[str, str]], lessons: int = 5) -> Problem:
    return Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                   activities=[Activity(i, ["T"], "M", []) for i in range(1, lessons + 1)],
                   constraints=[Constraint("TeacherMaxGapsPerDay", weight, params={
                       "Teacher_Name": ["T"], "Max_Gaps": [max_gaps]}),
                                Constraint("BreakTimes", 100, params={"Break_Time": list(breaks)})])


@pytest.mark.parametrize(("breaks", "penalty"), [([], 2 * 90), ([{"Day": "Mon", "Hour": "2"}], 90)])
def test_max_gaps_per_day_counts_each_gap_beyond_the_limit_on_each_day(breaks: list[dict[str, str]],
                                                                       penalty: int) -> None:
    """FET's max gaps per day: each day, every gap hour beyond the limit counts once (a
    weekly limit of 1 would count 4 − 1 = 3 here); a break is not a gap."""
    p = _gaps_school(90, "1", breaks)
    # Monday: hours 1 and 4 (gaps at 2 and 3); Tuesday: 1, 3, 5 (gaps at 2 and 4);
    # Wednesday: nothing.
    week = [Placement(1, 0, 0), Placement(2, 0, 3), Placement(3, 1, 0), Placement(4, 1, 2), Placement(5, 1, 4)]
    ev = evaluate(compile_rules(p), week)
    assert ev.penalty == penalty
    assert solver_objective(p, week) == penalty
    assert [v.count for v in ev.soft] == ([1] if breaks else [1, 1])


def test_max_gaps_per_day_hard_is_met_by_the_solver_and_the_placement() -> None:
    """Two lessons fixed at Monday's first and fourth hours, a third one free, the teacher
    away the rest of the week, at most one gap a day: the third must go at the second or
    third hour (at the fifth or sixth it leaves two gaps)."""
    from app.scheduling.timetable.place import place_all
    from app.scheduling.timetable.solver import solve

    p = _gaps_school(100, "1", [], lessons=3)
    fixed = {1: "1", 2: "4"}
    p.constraints += [Constraint("ActivityPreferredStartingTime", 100, params={
        "Activity_Id": [str(aid)], "Preferred_Day": ["Mon"], "Preferred_Hour": [hour],
        "Permanently_Locked": ["true"]}) for aid, hour in fixed.items()]
    p.constraints.append(Constraint("TeacherNotAvailableTimes", 100, params={
        "Teacher": ["T"], "Not_Available_Time": [{"Day": d, "Hour": h} for d in DAYS[1:] for h in HOURS]}))
    rules = compile_rules(p)
    result = solve(p, time_limit=10)
    assert result.solved and evaluate(rules, result.placements).hard_ok
    assert {pl.activity_id: pl.hour for pl in result.placements}[3] in (1, 2)
    placed = place_all(rules, {}, time_limit=2.0, seed=1)
    assert not placed.unplaced
    ev = evaluate(rules, [Placement(aid, t // 6, t % 6) for aid, t in placed.starts.items()])
    assert ev.hard_ok, [v.message for v in ev.hard]


@pytest.mark.parametrize(("component", "bound"), [(1, {1, 2}), (2, {3})])
def test_subactivities_rules_bind_the_numbered_part_of_each_split_activity(component: int, bound: set[int]) -> None:
    """FET numbers the parts of a split activity from 1 in the file's order, and an
    activity not split is its own first part (fet-cl 6.8.5 refuses a timetable with an
    unsplit activity outside a hard component-1 rule)."""
    p = Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                activities=[Activity(1, [], "M", []), Activity(2, [], "M", [], group_id=2),
                            Activity(3, [], "M", [], group_id=2)],
                constraints=[Constraint("SubactivitiesPreferredStartingTimes", 70, params={
                    "Component_Number": [str(component)], "Subject_Name": ["M"],
                    "Preferred_Starting_Time": [{"Preferred_Starting_Day": "Mon", "Preferred_Starting_Hour": "1"}]})])
    rules = compile_rules(p)
    assert {r.aid for r in rules.start_rules} == bound
    away = [Placement(1, 1, 0), Placement(2, 2, 0), Placement(3, 3, 0)]
    assert evaluate(rules, away).penalty == 70 * len(bound)
    assert solver_objective(p, away) == 70 * len(bound)


def test_max_hours_continuously_counts_each_run_too_long_once() -> None:
    """FET's max hours continuously: a run of busy hours longer than the maximum breaks it
    once however long it is; a break, like a free hour, ends a run. The tag variant counts
    the tagged lessons alone (an untagged lesson ends a run of tagged ones)."""
    acts = [Activity(1, ["T"], "M", [], duration=2), Activity(2, ["T"], "M", []), Activity(3, ["T"], "M", []),
            Activity(4, ["T"], "M", [], duration=2), Activity(5, ["T"], "M", [], tags=["Lab"]),
            Activity(6, ["T"], "M", [], tags=["Lab"])]
    brk = Constraint("BreakTimes", 100, params={"Break_Time": [{"Day": "Tue", "Hour": "3"}]})

    def school(ctype: str, weight: float, limit: int) -> Problem:
        rule = Constraint(ctype, weight, params={"Teacher_Name": ["T"], "Activity_Tag_Name": ["Lab"],
                                                 "Maximum_Hours_Continuously": [str(limit)]})
        return Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"], tags=["Lab"],
                       activities=acts, constraints=[rule, brk])

    # Monday: 4 hours in a row; Tuesday: 2 hours, the break, 2 hours (lessons 5 and 6).
    week = [Placement(1, 0, 0), Placement(2, 0, 2), Placement(3, 0, 3),
            Placement(4, 1, 0), Placement(5, 1, 3), Placement(6, 1, 4)]
    # Monday: 5 in a row, the tagged lessons apart; Tuesday: 3 in a row after the break.
    other = [Placement(5, 0, 0), Placement(2, 0, 1), Placement(6, 0, 2), Placement(1, 0, 3),
             Placement(3, 1, 3), Placement(4, 1, 4)]
    for ctype, weight, limit, placed, breaks in [
        ("TeacherMaxHoursContinuously", 60, 2, week, 1),  # Monday only
        ("TeacherMaxHoursContinuously", 60, 1, week, 3),  # once a run, not once an hour over
        ("TeacherMaxHoursContinuously", 60, 2, other, 2),
        ("TeachersActivityTagMaxHoursContinuously", 70, 1, week, 1),  # Tuesday's tagged pair
        ("TeachersActivityTagMaxHoursContinuously", 70, 1, other, 0),
    ]:
        p = school(ctype, weight, limit)
        assert evaluate(compile_rules(p), placed).penalty == breaks * weight, (ctype, limit)
        assert solver_objective(p, placed) == breaks * weight, (ctype, limit)


def test_min_days_per_week_counts_each_day_short() -> None:
    """FET's min days per week: each day short of the minimum counts once, a day counting
    when the teacher has a lesson on it (however many). A teacher with fewer lessons than
    the minimum can never meet it (fet-cl refuses such a file): it counts all the same and
    is named in the notes; one without lessons, for every-teacher rules, too."""
    acts = [Activity(i, ["T"], "M", [], duration=1 + (i == 1)) for i in (1, 2, 3, 4)] + [Activity(5, ["U"], "M", [])]

    def school(*rules: Constraint) -> Problem:
        return Problem(days=list(DAYS), hours=list(HOURS), teachers=["T", "U", "V"], subjects=["M"],
                       activities=acts, constraints=list(rules))

    p = school(Constraint("TeacherMinDaysPerWeek", 80, params={"Teacher_Name": ["T"], "Minimum_Days_Per_Week": ["4"]}))
    for days, short in [((0, 0, 0, 0), 3), ((0, 0, 1, 2), 1), ((0, 1, 2, 4), 0), ((4, 3, 3, 3), 2)]:
        week = [Placement(i, d, h) for i, d, h in zip((1, 2, 3, 4), days, (0, 2, 3, 4), strict=True)]
        week.append(Placement(5, 0, 0))
        assert evaluate(compile_rules(p), week).penalty == 80 * short, days
        assert solver_objective(p, week) == 80 * short, days
    # Every teacher at least two days: U (one lesson) is a day short, V (none) two.
    p = school(Constraint("TeachersMinDaysPerWeek", 60, params={"Minimum_Days_Per_Week": ["2"]}))
    rules = compile_rules(p)
    assert sorted(ld.who for ld in rules.loads) == ["T", "U", "V"]
    assert sum("must work at least 2 days a week" in n for n in rules.notes) == 2
    spread = [Placement(1, 0, 0), Placement(2, 1, 0), Placement(3, 1, 1), Placement(4, 1, 2), Placement(5, 3, 3)]
    assert evaluate(rules, spread).penalty == 60 * 3
    assert solver_objective(p, spread) == 60 * 3


def test_min_days_per_week_hard_is_met_by_the_solver_and_the_placement() -> None:
    """Three lessons wished on Monday (soft), the teacher away on Thursday and Friday, at
    least three days a week (hard): one lesson on each of Monday to Wednesday. With a
    fourth lesson, two of them share a day; with two lessons, there is no timetable."""
    from app.scheduling.timetable.place import place_all
    from app.scheduling.timetable.solver import solve

    def school(lessons: int) -> Problem:
        return Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                       activities=[Activity(i, ["T"], "M", []) for i in range(1, lessons + 1)],
                       constraints=[
                           Constraint("TeacherMinDaysPerWeek", 100, params={
                               "Teacher_Name": ["T"], "Minimum_Days_Per_Week": ["3"]}),
                           Constraint("ActivitiesPreferredTimeSlots", 90, params={"Preferred_Time_Slot": [
                               {"Preferred_Day": "Mon", "Preferred_Hour": h} for h in HOURS]}),
                           Constraint("TeacherNotAvailableTimes", 100, params={"Teacher": ["T"], "Not_Available_Time": [
                               {"Day": d, "Hour": h} for d in DAYS[3:] for h in HOURS]})])

    for lessons in (3, 4):
        p = school(lessons)
        rules = compile_rules(p)
        result = solve(p, time_limit=10)
        assert result.solved and evaluate(rules, result.placements).hard_ok
        assert {pl.day for pl in result.placements} == {0, 1, 2}
        assert result.penalty == 90 * 2  # the fewest lessons off Monday
        for seed in range(3):
            placed = place_all(rules, {}, time_limit=2.0, seed=seed)
            assert not placed.unplaced
            ev = evaluate(rules, [Placement(aid, t // 6, t % 6) for aid, t in placed.starts.items()])
            assert ev.hard_ok, [v.message for v in ev.hard]
    impossible = solve(school(2), time_limit=10)
    assert not impossible.solved and impossible.status == "infeasible"


def _interval_school(weight: float, start: str, end: str, limit: int, lessons: list[int]) -> Problem:
    return Problem(days=list(DAYS), hours=list(HOURS), teachers=["T"], subjects=["M"],
                   activities=[Activity(i, ["T"], "M", [], duration=d) for i, d in enumerate(lessons, 1)],
                   constraints=[Constraint("TeacherIntervalMaxDaysPerWeek", weight, params={
                       "Teacher_Name": ["T"], "Interval_Start_Hour": [start], "Interval_End_Hour": [end],
                       "Max_Days_Per_Week": [str(limit)]})])


@pytest.mark.parametrize(("start", "end", "days"), [("5", "", 3), ("4", "5", 2), ("1", "4", 1), ("6", "", 1)])
def test_interval_max_days_counts_days_with_a_lesson_in_the_interval(start: str, end: str, days: int) -> None:
    """FET's interval max days per week: a day counts when a lesson occupies an hour of
    ``[start, end)`` (the end hour is not in it, an empty end is the end of the day; a
    lesson overlapping the interval is enough); each day beyond the limit counts once."""
    # Monday: hour 5; Tuesday: hour 6; Wednesday: hours 4-5 (one lesson); Thursday: hour 4.
    p = _interval_school(90, start, end, 0, [1, 1, 2, 1])
    week = [Placement(1, 0, 4), Placement(2, 1, 5), Placement(3, 2, 3), Placement(4, 3, 3)]
    expected = {("5", ""): 3, ("4", "5"): 2, ("1", "4"): 0, ("6", ""): 1}[(start, end)]
    p.constraints[0].params["Max_Days_Per_Week"] = ["0"]
    assert evaluate(compile_rules(p), week).penalty == expected * 90
    assert solver_objective(p, week) == expected * 90
    # With a limit of ``days``: broken ``expected - days`` times.
    p.constraints[0].params["Max_Days_Per_Week"] = [str(days)]
    assert evaluate(compile_rules(p), week).penalty == max(0, expected - days) * 90
    assert solver_objective(p, week) == max(0, expected - days) * 90


def test_interval_max_days_hard_is_met_by_the_solver_and_the_placement() -> None:
    """Five two-hour lessons and one teacher, hours 3-6 (the interval [3, end) ) on at most
    two days: the other three lessons must take hours 1-2."""
    from app.scheduling.timetable.place import place_all
    from app.scheduling.timetable.solver import solve

    p = _interval_school(100, "3", "", 2, [2, 2, 2, 2, 2])
    rules = compile_rules(p)
    result = solve(p, time_limit=10)
    assert result.solved and evaluate(rules, result.placements).hard_ok
    assert len({pl.day for pl in result.placements if pl.hour + 2 > 2}) <= 2
    for seed in range(5):
        placed = place_all(rules, {}, time_limit=2.0, seed=seed)
        assert not placed.unplaced
        week = [Placement(aid, t // 6, t % 6) for aid, t in placed.starts.items()]
        ev = evaluate(rules, week)
        assert ev.hard_ok, [v.message for v in ev.hard]
        assert len({pl.day for pl in week if pl.hour + 2 > 2}) <= 2


def test_interval_max_days_of_zero_days_keeps_the_lessons_out_of_the_interval() -> None:
    """A hard rule of 0 days: the placement never tries a start overlapping the interval."""
    from app.scheduling.timetable.place import Placer

    pl = Placer(compile_rules(_interval_school(100, "5", "", 0, [1, 2])), {})
    assert pl.domain[0] and all(t % 6 < 4 for t in pl.domain[0])
    assert pl.domain[1] and all(t % 6 + 2 <= 4 for t in pl.domain[1])
    assert Placer(compile_rules(_interval_school(90, "5", "", 0, [1])), {}).domain[0] == list(range(30))
