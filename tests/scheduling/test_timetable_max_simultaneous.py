"""FET's "activities max simultaneous in selected time slots": in each selected slot, at
most N of the listed lessons at once (a lesson of two hours counts in both). Read from
FET files, checked (our checker and the independent one), held by the placement (plain
and compiled, lessons that must start together counted together), the min-conflicts
search and the time model, and FET accepts the timetables we lock."""

from __future__ import annotations

import random
from pathlib import Path

from app.scheduling.timetable import Placement, Problem, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.place import Placer, place_all
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.rule_checks import (
    fet_cl_on_locked,
    min_conflicts_whole,
    solved_and_checked,
    three_classes,
)
from tests.scheduling.test_timetable_fet import needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check

TYPE = "ActivitiesMaxSimultaneousInSelectedTimeSlots"


def at_once(ids: list[int], slots: list[tuple[str, str]], limit: int, weight: float = 100):  # type: ignore[no-untyped-def]
    return _c(TYPE, weight, Number_of_Activities=[str(len(ids))], Activity_Id=[str(i) for i in ids],
              Number_of_Selected_Time_Slots=[str(len(slots))],
              Selected_Time_Slot=[{"Selected_Day": d, "Selected_Hour": h} for d, h in slots],
              Max_Number_of_Simultaneous_Activities=[str(limit)])


def simultaneous(seed: int) -> Problem:
    """A random school (see test_timetable_place) with two such rules: ten of its lessons
    never two at once, all of them at most two at once in the days' first hours."""
    p = random_school(seed)
    rng = random.Random(f"{seed}: at once")
    ids = [a.id for a in p.activities]
    every = [(d, h) for d in p.days for h in p.hours]
    p.constraints.append(at_once(rng.sample(ids, 10), every, 1))
    p.constraints.append(at_once(ids, [(d, p.hours[0]) for d in p.days], 2))
    return p


def _lessons(n: int, hours: int, limit: int) -> Problem:
    """``n`` one-hour lessons, each of its own teacher and class, one day of ``hours``
    hours; at most ``limit`` of them at once in any hour."""
    p = Problem(name="at once", days=["Mon"], hours=[str(h) for h in range(1, hours + 1)], subjects=["X"],
                teachers=[f"T{i}" for i in range(1, n + 1)])
    p.years = [StudentsSet(f"S{i}", "year", 10) for i in range(1, n + 1)]
    p.activities = [Activity(i, [f"T{i}"], "X", [f"S{i}"]) for i in range(1, n + 1)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     at_once(list(range(1, n + 1)), [("Mon", h) for h in p.hours], limit)]
    return p


def test_each_lesson_too_many_in_a_slot_counts_and_the_checker_names_the_slot(tmp_path: Path) -> None:
    p = _lessons(4, 3, 2)
    p.activities[3].duration = 2  # lesson 4, at Mon 1-2, counts in both hours
    rules = compile_rules(p)
    assert [(oc.per_slot, oc.limit) for oc in rules.occupy] == [(True, 2)]
    fet = tmp_path / "s.fet"
    write_fet(p, fet)
    for hours, broken, where in (((0, 1, 2), 0, ""), ((0, 0, 2), 1, "Mon 1 (3)"), ((0, 0, 0), 2, "Mon 1 (4)"),
                                 ((1, 1, 0), 1, "Mon 2 (3)")):
        pls = [*(Placement(i + 1, 0, h, "") for i, h in enumerate(hours)), Placement(4, 0, 0, "")]
        ev = evaluate(rules, pls)
        assert sum(v.count for v in ev.hard) == broken, [v.message for v in ev.hard]
        assert all(where in v.message for v in ev.hard)
        rows = [(pl.activity_id, "Mon", p.hours[pl.hour], "") for pl in pls]
        assert bool(check(fet, rows)) == bool(broken)


def test_hard_rules_are_modelled_and_soft_ones_reported() -> None:
    p = _lessons(3, 3, 1)
    assert coverage(p).complete
    p.constraints[-1].weight = 90  # FET accepts this type at 100 % only
    assert coverage(p).not_considered == {TYPE: 1}
    assert not compile_rules(p).occupy


def test_a_limit_no_timetable_can_break_is_dropped() -> None:
    assert not compile_rules(_lessons(3, 3, 3)).occupy


def test_the_time_model_proves_too_few_hours_and_solves_enough() -> None:
    """Five lessons, at most two at once: two hours are too few, three enough."""
    assert solve(_lessons(5, 2, 2), time_limit=4, workers=1, diagnose_on_failure=False).status == "infeasible"
    result = solve(_lessons(5, 3, 2), time_limit=10, workers=1, diagnose_on_failure=False)
    assert result.solved and result.coverage.complete and result.evaluation is not None
    assert result.evaluation.hard_ok


def test_lessons_starting_together_count_together() -> None:
    """Lessons 1 and 2 must start together and at most two of the four may be at once:
    placing the pair where one other lesson is takes that one out, in the plain placer and
    in the compiled loop's plain-Python twin."""
    from app.scheduling.timetable import kernel as k

    p = _lessons(4, 2, 2)
    p.constraints.append(_c("ActivitiesSameStartingTime", Number_of_Activities=["2"], Activity_Id=["1", "2"]))
    rules = compile_rules(p)
    pl = Placer(rules, {}, 1)
    assert sorted(pl.unit[pl.index[1]]) == sorted([pl.index[1], pl.index[2]])
    pl.put(pl.index[3], 0, -1)
    found = pl.conflicts(pl.index[1], 0)
    assert found is not None and found[0] == {pl.index[3]}
    assert pl.conflicts(pl.index[1], 1) is not None and pl.conflicts(pl.index[1], 1)[0] == set()  # type: ignore[index]

    net = k.pack_net(pl, 300)
    run = k.new_run(net, len(pl.occ), pl.n_phys, 1)
    k.put(net, run, pl.index[3], 0, -1)
    assert k.conflicts(net, run, pl.index[1], 0, 1 << 30)
    assert [run[run[k.RA_outl] + q] for q in range(run[k.OUTN])] == [pl.index[3]]


def test_the_placement_keeps_the_rules(tmp_path: Path) -> None:
    """Schools placed whole keep both rules (our checker and the independent one, see
    placed_whole); a placement blind to them breaks them on some of the same schools."""
    complete, broken_blind = whole_and_blind(simultaneous, lambda rules: rules.occupy.clear(), tmp_path)
    assert complete >= 10 and broken_blind >= 5, (complete, broken_blind)


def test_a_locked_lesson_is_never_taken_out() -> None:
    """Lesson 3 locked at the first hour, at most one lesson at once: the others go to the
    other hours, and with no other hour left the last one stays out."""
    for hours, unplaced in ((3, 0), (2, 1)):
        p = _lessons(3, hours, 1)
        p.constraints.append(_c("ActivityPreferredStartingTime", Activity_Id=["3"], Preferred_Day=["Mon"],
                                Preferred_Hour=["1"], Permanently_Locked=["true"]))
        found = place_all(compile_rules(p), {}, time_limit=0.5, seed=1)
        assert found.starts.get(3) == 0 and len(found.unplaced) == unplaced


def test_the_min_conflicts_search_counts_them() -> None:
    """A timetable the min-conflicts search calls free of conflicts keeps the rules too."""
    assert min_conflicts_whole(simultaneous) >= 3


def test_a_solve_keeps_the_rules_by_the_independent_checker(tmp_path: Path) -> None:
    assert solved_and_checked(simultaneous, tmp_path) >= 2


def _valid_school(seed: int) -> Problem:
    """Three classes, six teachers, no break (see rule_checks.three_classes); the lab
    lessons (one in four) never two at once, and at most two lessons in each day's first
    hour."""
    p = three_classes(seed, "At once", n_teachers=6, brk=False)
    p.subjects.append("Lab")
    for a in p.activities[::4]:
        a.subject = "Lab"
    lab = [a.id for a in p.activities if a.subject == "Lab"]
    p.constraints += [at_once(lab, [(d, h) for d in p.days for h in p.hours], 1),
                      at_once([a.id for a in p.activities], [(d, "1") for d in p.days], 2)]
    return p


@needs_fet
def test_fet_accepts_our_locked_timetable(tmp_path: Path) -> None:
    """A school with both kinds of rule, solved and locked: fet-cl generates it at once,
    and the independent checker agrees. (FET's one example modelled whole with such a
    rule, the Syrian high school of Hama, has no timetable: the time model proves it
    with or without the rule, and fet-cl finds none in a minute.)"""
    assert "Simulation successful" in fet_cl_on_locked(_valid_school(1), tmp_path)
