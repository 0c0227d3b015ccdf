"""Realistic sample schools in FET's shape, of any size (for the benchmark and the demo).

A school has years of four classes; each class has two subgroups (for a split language
lesson), about 25 lessons a week of the usual subjects, a home room, and shares labs, gyms
and computer rooms. Constraints are the ones schools really use: breaks, teacher
unavailability, min days between a subject's lessons, max hours a day, no student gaps,
early starts, part-time teachers' days, and a few soft wishes.
"""

from __future__ import annotations

import math
import random

from app.scheduling.timetable.model import Activity, Constraint, Problem, Room, StudentsSet

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HOURS = ["08:00-08:45", "08:50-09:35", "09:45-10:30", "10:35-11:20", "11:20-12:05",
         "12:05-12:50", "13:00-13:45", "13:50-14:35"]
LUNCH = 5  # hour index of the lunch break on every day

# (subject, lesson durations, room kind, min-days weight)
CURRICULUM: list[tuple[str, list[int], str, float]] = [
    ("Mathematics", [1, 1, 1, 1], "home", 100),
    ("English", [1, 1, 1, 1], "home", 100),
    ("Science", [2, 1], "lab", 100),
    ("History", [1, 1], "home", 100),
    ("Geography", [1], "home", 100),
    ("French", [1, 1, 1], "home", 100),  # subgroup 1, same time as Spanish
    ("Spanish", [1, 1, 1], "language", 100),  # subgroup 2
    ("Physical education", [2], "gym", 100),
    ("Art", [2], "home", 100),
    ("Music", [1], "home", 100),
    ("Computing", [1, 1], "computer", 95),
    ("Ethics", [1], "home", 100),
]
LESSONS_PER_CLASS = sum(len(d) for _s, d, _r, _w in CURRICULUM)


def _c(ctype: str, weight: float = 100, space: bool = False, **params: list) -> Constraint:  # type: ignore[type-arg]
    return Constraint(ctype, weight, True, {k: v for k, v in params.items()}, space)


def generate_school(teachers: int, activities: int, seed: int = 1) -> Problem:
    """A school with about ``activities`` lessons and exactly ``teachers`` teachers."""
    rng = random.Random(seed)
    n_classes = max(1, round(activities / LESSONS_PER_CLASS))
    p = Problem(name=f"Generated school {teachers}T/{n_classes * LESSONS_PER_CLASS}A (seed {seed})")
    p.days = list(DAYS)
    p.hours = list(HOURS)
    p.subjects = [s for s, _d, _r, _w in CURRICULUM]
    p.tags = ["double"]
    p.buildings = ["Main"]

    classes = []
    for i in range(n_classes):
        year_no = 7 + i // 4
        name = f"{year_no}{'ABCD'[i % 4]}"
        classes.append((year_no, name))
        size = rng.randint(22, 30)
        p.groups.append(StudentsSet(name, "group", size, [f"{name}-1", f"{name}-2"]))
        p.subgroups.append(StudentsSet(f"{name}-1", "subgroup", size // 2))
        p.subgroups.append(StudentsSet(f"{name}-2", "subgroup", size - size // 2))
    for year_no in sorted({y for y, _n in classes}):
        members = [n for y, n in classes if y == year_no]
        size = sum(g.size for g in p.groups if g.name in members)
        p.years.append(StudentsSet(f"Year {year_no}", "year", size, members))

    # Teachers per subject in proportion to the hours the subject needs.
    hours = {s: sum(d) * n_classes for s, d, _r, _w in CURRICULUM}
    # Greedy: each new teacher goes to the subject whose teachers are busiest.
    share = {s: 0 for s in hours}
    for _k in range(teachers):
        s = max(hours, key=lambda k: hours[k] / share[k] if share[k] else math.inf)
        share[s] += 1
    staff: dict[str, list[str]] = {}
    surnames = ["Adams", "Baker", "Clark", "Davis", "Evans", "Fisher", "Garcia", "Hughes", "Ito",
                "Jones", "Khan", "Lopez", "Moore", "Nguyen", "Owens", "Patel", "Quinn", "Reyes",
                "Smith", "Turner", "Usman", "Vega", "Walsh", "Xu", "Young", "Zhang"]
    n = 0
    for s, _d, _r, _w in CURRICULUM:
        staff[s] = []
        for _k in range(share[s]):
            name = f"{surnames[n % len(surnames)]} {n // len(surnames) + 1}" if n >= len(surnames) else surnames[n]
            n += 1
            staff[s].append(name)
            p.teachers.append(name)
    # A small school: subjects without a teacher of their own go to the least busy ones.
    planned = {t: hours[s] / share[s] for s in staff for t in staff[s]}
    for s, _d, _r, _w in CURRICULUM:
        if not staff[s]:
            t = min(planned, key=lambda k: planned[k])
            staff[s].append(t)
            planned[t] += hours[s]

    rooms_needed = {
        "lab": math.ceil(n_classes * 3 / 26),
        "gym": math.ceil(n_classes * 2 / 26),
        "computer": math.ceil(n_classes * 2 / 26),
        "language": math.ceil(n_classes * 3 / 26),
    }
    for _y, cname in classes:
        p.rooms.append(Room(f"R-{cname}", 32, "Main", "home"))
    for kind, count in rooms_needed.items():
        for k in range(count):
            p.rooms.append(Room(f"{kind.capitalize()} {k + 1}", 32, "Main", kind))
    rooms_of = {kind: [r.name for r in p.rooms if r.kind == kind] for kind in rooms_needed}

    cons_time: list[Constraint] = [_c("BasicCompulsoryTime")]
    cons_space: list[Constraint] = [_c("BasicCompulsorySpace", space=True)]
    cons_time.append(_c("BreakTimes", Number_of_Break_Times=[str(len(DAYS))],
                        Break_Time=[{"Day": d, "Hour": HOURS[LUNCH]} for d in DAYS]))
    for kind, subject in (("lab", "Science"), ("gym", "Physical education"), ("computer", "Computing")):
        cons_space.append(_c("SubjectPreferredRooms", space=True, Subject=[subject],
                             Number_of_Preferred_Rooms=[str(len(rooms_of[kind]))], Preferred_Room=rooms_of[kind]))

    aid = 0
    load: dict[str, int] = {t: 0 for t in p.teachers}
    pointer = {s: 0 for s in staff}
    for ci, (_y, cname) in enumerate(classes):
        same_start: list[list[int]] = []
        for s, durations, room_kind, md_weight in CURRICULUM:
            pool = staff[s]
            # The least-loaded teacher of the subject, so loads stay even.
            teacher = min(pool, key=lambda t: (load[t], (pool.index(t) - pointer[s]) % len(pool)))
            pointer[s] += 1
            load[teacher] += sum(durations)
            students = [f"{cname}-1"] if s == "French" else [f"{cname}-2"] if s == "Spanish" else [cname]
            group_first = aid + 1
            ids = []
            for dur in durations:
                aid += 1
                ids.append(aid)
                p.activities.append(Activity(
                    id=aid, teachers=[teacher], subject=s, students=students, duration=dur,
                    group_id=group_first if len(durations) > 1 else 0, total_duration=sum(durations),
                    tags=["double"] if dur == 2 else [],
                ))
                if room_kind == "home":
                    cons_space.append(_c("ActivityPreferredRoom", space=True, Activity_Id=[str(aid)],
                                         Room=[f"R-{cname}"], Permanently_Locked=["false"]))
                elif room_kind == "language":
                    cons_space.append(_c("ActivityPreferredRooms", space=True, Activity_Id=[str(aid)],
                                         Number_of_Preferred_Rooms=[str(len(rooms_of["language"]))],
                                         Preferred_Room=rooms_of["language"]))
            if len(ids) > 1:
                cons_time.append(_c("MinDaysBetweenActivities", md_weight,
                                    Consecutive_If_Same_Day=["true"], Number_of_Activities=[str(len(ids))],
                                    Activity_Id=[str(i) for i in ids], MinDays=["1"]))
            if s in ("French", "Spanish"):
                same_start.append(ids)
        french, spanish = same_start
        for a, b in zip(french, spanish, strict=True):
            cons_time.append(_c("ActivitiesSameStartingTime", Number_of_Activities=["2"],
                                Activity_Id=[str(a), str(b)]))
        del ci

    # Some teachers have a half day off; part-timers work at most four days.
    for t in p.teachers:
        if rng.random() < 0.2:
            day = rng.choice(DAYS)
            hours_off = HOURS[:4] if rng.random() < 0.5 else HOURS[6:]
            cons_time.append(_c("TeacherNotAvailableTimes", Teacher=[t],
                                Number_of_Not_Available_Times=[str(len(hours_off))],
                                Not_Available_Time=[{"Day": day, "Hour": h} for h in hours_off]))
        if load[t] <= 14:
            cons_time.append(_c("TeacherMaxDaysPerWeek", Teacher_Name=[t], Max_Days_Per_Week=["4"]))
    cons_time.append(_c("TeachersMaxHoursDaily", Maximum_Hours_Daily=["6"]))
    cons_time.append(_c("StudentsMaxGapsPerWeek", Max_Gaps=["0"]))
    cons_time.append(_c("StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=["2"]))
    cons_time.append(_c("TeachersMaxGapsPerWeek", 90, Max_Gaps=["4"]))
    not_first = [{"Preferred_Day": d, "Preferred_Hour": h} for d in DAYS for h in HOURS[1:] if h != HOURS[LUNCH]]
    cons_time.append(_c("ActivitiesPreferredTimeSlots", 80, Teacher_Name=[""], Students_Name=[""],
                        Subject_Name=["Physical education"], Activity_Tag_Name=[""],
                        Number_of_Preferred_Time_Slots=[str(len(not_first))], Preferred_Time_Slot=not_first))
    p.constraints = cons_time + cons_space
    return p
